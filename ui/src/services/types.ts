/** The shapes shared by several API answers: the API's own (api/views.ts). */
export type { FileRef, Page, Person, ProtocolloRef } from '@api/views';
