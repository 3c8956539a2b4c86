// The historic housing stock: loading snapshots, the declarations without rows, and reading the stock
// "as of" a date. Activities and the API import from here.
export { buildingChanges, type BuildingField, type SnapshotChanges, type UnitField } from './building-changes';
export { copyRowsBaseline, copyRowsIntoStockTables, type CopyBaseline } from './copy-baseline';
export { consistenzaNulla, nessunaVariazione } from './declarations';
export { containing } from './as-of-sql';
export { STOCK_FAILURE } from './errors';
export { EXCEL_HEADERS, exportUnitsToExcel, type ExportOptions, type ExportProgress } from './excel-export';
export { IncomingRows } from './incoming-rows';
export { loadSnapshot, loadSnapshotAsRead, type SnapshotHeader } from './loader';
export type { PgSource } from './pg-transaction';
export * from './queries';
export type * from './types';
