// The handlebars side: one isolated environment per renderer, with the helpers and partials registered
// once and every template compiled once. Templates are strict: a field the data lacks throws instead of
// printing an act with a blank where a name should be (optional parts are wrapped in {{#if}}).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { DatiModelloNonValidi, ModelloSconosciuto } from './errors';
import { formatDate, formatEuro, formatTime } from './helpers';

/** templates/ at the project's root. */
export const DEFAULT_TEMPLATES_DIR = path.resolve(__dirname, '..', '..', 'templates');

/** `layout.hbs` wraps the documents; the footer partial is printed by Chromium in the page margin. */
const LAYOUT = 'layout';
const FOOTER_PARTIAL = 'footer';

export interface RenderedDocument {
  html: string;
  footerHtml: string;
}

export interface TemplateEngine {
  /** The documents that can be rendered: every `<name>.hbs` in the folder but the layout. */
  readonly names: string[];
  render(template: string, data: object, now?: Date): RenderedDocument;
}

/**
 * The data without null, undefined or blank values, at any depth. Strict templates only notice a field
 * that is absent, so this turns `denominazione: null` or `''` into the error it should be, while an
 * optional part wrapped in {{#if}} reads it as absent, as it would anyway.
 */
export function withoutBlanks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBlanks);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== null && field !== undefined && !(typeof field === 'string' && field.trim() === ''))
      .map(([key, field]) => [key, withoutBlanks(field)]),
  );
}

const hbsFiles = (dir: string) => readdirSync(dir).filter((file) => file.endsWith('.hbs')).sort();

export function createTemplateEngine(templatesDir: string = DEFAULT_TEMPLATES_DIR): TemplateEngine {
  const handlebars = Handlebars.create();
  handlebars.registerHelper({ formatDate, formatTime, formatEuro });
  const partialsDir = path.join(templatesDir, 'partials');
  for (const file of hbsFiles(partialsDir)) {
    handlebars.registerPartial(path.basename(file, '.hbs'), readFileSync(path.join(partialsDir, file), 'utf8'));
  }
  handlebars.registerPartial(LAYOUT, readFileSync(path.join(templatesDir, `${LAYOUT}.hbs`), 'utf8'));

  const compile = (source: string) => handlebars.compile(source, { strict: true });
  const templates = new Map(
    hbsFiles(templatesDir)
      .map((file) => path.basename(file, '.hbs'))
      .filter((name) => name !== LAYOUT)
      .map((name) => [name, compile(readFileSync(path.join(templatesDir, `${name}.hbs`), 'utf8'))] as const),
  );
  const footer = compile(`{{> ${FOOTER_PARTIAL}}}`);
  const names = [...templates.keys()];

  return {
    names,
    render(template, data, now = new Date()) {
      const compiled = templates.get(template);
      if (!compiled) throw new ModelloSconosciuto(template, names);
      // @oggi (the document's date) is the renderer's, not the caller's: it is not user data.
      const options = { data: { oggi: now.toISOString() } };
      const context = withoutBlanks(data);
      try {
        return { html: compiled(context, options), footerHtml: footer(context, options) };
      } catch (error) {
        throw new DatiModelloNonValidi(template, error as Error);
      }
    },
  };
}
