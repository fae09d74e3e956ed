/**
 * Messages to bytes, each with the codec of its framing: what a client or a server sends.
 */
import { encode } from '@stride/codec';
import {
  type BackendMessage,
  type BackendMessageBytes,
  backendMessage,
  backendMessageBytes,
} from './backend.js';
import { type FrontendMessage, frontendMessage } from './frontend.js';
import { type SslResponse, type StartupPhaseMessage, sslResponse, startupMessage } from './startup.js';

const STARTUP_TYPES = new Set(['StartupMessage', 'SSLRequest', 'GSSENCRequest', 'CancelRequest']);

/** A client's message: a StartupMessage or another startup-phase request, or a typed message. */
export function encodeFrontend(message: FrontendMessage | StartupPhaseMessage): Uint8Array {
  return STARTUP_TYPES.has(message.type)
    ? encode(startupMessage, message as StartupPhaseMessage)
    : encode(frontendMessage, message as FrontendMessage);
}

/** A server's message; a DataRow's columns may be strings or bytes (not both in one row). */
export function encodeBackend(message: BackendMessage | BackendMessageBytes | SslResponse): Uint8Array {
  if (message.type === 'SSLResponse') return encode(sslResponse, message);
  if (message.type === 'DataRow' && message.columns.some((c) => c instanceof Uint8Array))
    return encode(backendMessageBytes, message as BackendMessageBytes);
  return encode(backendMessage, message as BackendMessage);
}
