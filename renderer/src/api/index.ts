/** The renderer's door to the core: a typed client over IPC or HTTP. */
export { connectToCore, createClient, type SluiceClient } from './client';
export { ClientProvider, useClient } from './client-context';
export type { DoorKind, Transport } from './transport';
export type { ApiError, ErrorCode } from '../../../app/api/errors';
export type { Result } from '../../../app/api/result';
export type { CallOutput, QueryResult, ServerReport, TlsReport } from '../../../app/api/contract';
