/** Renders a document template with its data to a PDF (A4). */
export interface PdfRenderer {
  /** `template` is the name of a `templates/<name>.hbs`; `data` the values it prints, escaped. */
  render(template: string, data: object): Promise<Buffer>;
  /** Closes what the renderer opened (browser, profile folder); later renders are refused. */
  close(): Promise<void>;
}
