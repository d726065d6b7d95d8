// A modal's private_metadata carries ids only — the draft itself lives in the store — so it
// stays far below Slack's 3,000-character limit and never holds what a person wrote.

export interface DraftMetadata {
  draftId: string;
  /** Company typed after `/rejected`, kept for "Start fresh" on the resume modal. */
  prefillCompany?: string;
  /** Role typed with it (`/rejected Acme - Designer`), likewise. */
  prefillRole?: string;
  /** A new step 1, opened before its draft is stored: its first save creates it under `draftId`. */
  unsaved?: true;
}

export function encodeDraftMetadata(metadata: DraftMetadata): string {
  return JSON.stringify(metadata);
}

/** Returns null for anything that is not metadata Rebound wrote (forged or truncated payloads). */
export function decodeDraftMetadata(text: string | undefined): DraftMetadata | null {
  if (!text) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { draftId, prefillCompany, prefillRole, unsaved } = parsed as Record<string, unknown>;
  if (typeof draftId !== 'string' || draftId.length === 0 || draftId.length > 100) return null;
  const fresh = unsaved === true ? { unsaved: true as const } : {};
  if (typeof prefillCompany !== 'string' || prefillCompany.length === 0) return { draftId, ...fresh };
  const role =
    typeof prefillRole === 'string' && prefillRole.length > 0
      ? { prefillRole: prefillRole.slice(0, 100) }
      : {};
  return { draftId, prefillCompany: prefillCompany.slice(0, 100), ...role, ...fresh };
}
