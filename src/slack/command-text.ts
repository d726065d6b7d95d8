// What a person typed after `/rejected`. Anything but a known word is a company name.

export const MAX_COMPANY_LENGTH = 100;

export type RejectedCommand = { kind: 'help' } | { kind: 'start'; company?: string };

export function parseRejectedCommand(text: string | undefined): RejectedCommand {
  const trimmed = (text ?? '').trim();
  if (/^(help|\?)$/i.test(trimmed)) return { kind: 'help' };
  if (!trimmed) return { kind: 'start' };
  return { kind: 'start', company: Array.from(trimmed).slice(0, MAX_COMPANY_LENGTH).join('') };
}
