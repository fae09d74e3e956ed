export type {
  AuthenticationKind,
  BackendMessage,
  BackendMessageBytes,
  BackendMessageOf,
  BackendMessageType,
} from './backend.js';
export { BACKEND_CODES, backendMessage, backendMessageBytes } from './backend.js';
export { encodeBackend, encodeFrontend } from './encode.js';
export type { FrontendMessage, FrontendMessageOf, FrontendMessageType } from './frontend.js';
export { authenticationResponse, FRONTEND_CODES, frontendMessage } from './frontend.js';
export type { SslResponse, StartupPhaseMessage } from './startup.js';
export { PROTOCOL_3_0, sslResponse, startupMessage } from './startup.js';
