// Public API of the Slack emulator used by end-to-end tests.

export { validateMessage, validateView } from './block-kit-rules.js';
export type { ButtonOptions, CommandOptions, EmulatedUser } from './emulated-user.js';
export { createSlackEmulator, type SendEventOptions, type SlackEmulator } from './emulator.js';
export { type SignedHeaders, signatureFor } from './request-signing.js';
export type {
  ApiCall,
  CommandResult,
  DeliveryResult,
  EphemeralMessage,
  Fault,
  FormValue,
  RateLimit,
  SlackEmulatorOptions,
  StoredMessage,
  SubmitResult,
  UserSpec,
} from './types.js';
export type { ModalView, SlackView, StateValues, TextObject } from './view-stack.js';
