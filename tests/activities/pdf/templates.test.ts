import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DatiModelloNonValidi, ModelloSconosciuto } from '../../../activities/pdf/errors';
import { formatDate, formatEuro, formatTime } from '../../../activities/pdf/helpers';
import { createTemplateEngine, DEFAULT_TEMPLATES_DIR } from '../../../activities/pdf/templates';

const sample = (name: string) => JSON.parse(readFileSync(path.join(DEFAULT_TEMPLATES_DIR, 'samples', `${name}.json`), 'utf8')) as Record<string, unknown>;

describe('document templates', () => {
  const engine = createTemplateEngine();

  it('when the templates are listed, then the seven documents are there, each with sample data, and the layout is not', () => {
    expect(engine.names).toEqual(['bando-fondo-affitti', 'domanda-fondo-affitti', 'provvedimento-accreditamento', 'rapporto-validazione', 'ricevuta-protocollo', 'rigetto-accreditamento', 'riparto-fondo-affitti']);
    for (const name of engine.names) expect(() => engine.render(name, sample(name))).not.toThrow();
  });

  it('when a template or partial is read, then it has no triple-stash: everything printed is escaped', () => {
    const files = (dir: string) => readdirSync(dir).filter((file) => file.endsWith('.hbs')).map((file) => path.join(dir, file));
    for (const file of [...files(DEFAULT_TEMPLATES_DIR), ...files(path.join(DEFAULT_TEMPLATES_DIR, 'partials'))]) {
      expect({ file, tripleStash: /\{\{\{|\{\{&/.test(readFileSync(file, 'utf8')) }).toEqual({ file, tripleStash: false });
    }
  });

  it('when data carries markup, then it is printed as text', () => {
    const data = { ...sample('rigetto-accreditamento'), denominazione: '<img src="http://evil.example/x"> Comune & C.', motivazione: '<script>alert(1)</script>' };
    const { html } = engine.render('rigetto-accreditamento', data);
    expect(html).toContain('&lt;img src&#x3D;&quot;http://evil.example/x&quot;&gt; Comune &amp; C.');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
  });

  it('when data lacks a field the act prints, then rendering fails naming the template instead of leaving a blank', () => {
    const { denominazione: _omitted, ...incomplete } = sample('provvedimento-accreditamento');
    expect(() => engine.render('provvedimento-accreditamento', incomplete)).toThrow(DatiModelloNonValidi);
    expect(() => engine.render('provvedimento-accreditamento', incomplete)).toThrow(/provvedimento-accreditamento.*denominazione/);
  });

  it('when a field the act prints is null or blank, then it counts as missing; an optional one is just left out', () => {
    const data = sample('ricevuta-protocollo');
    expect(() => engine.render('ricevuta-protocollo', { ...data, oggetto: null })).toThrow(/oggetto/);
    expect(() => engine.render('ricevuta-protocollo', { ...data, mittente: { denominazione: ' ' } })).toThrow(/denominazione/);
    const { html } = engine.render('ricevuta-protocollo', { ...data, inviatoDa: null, mittente: { denominazione: 'Comune di Bari', codiceFiscale: '' } });
    expect(html).not.toContain('Trasmessa da');
    expect(html).not.toContain('codice fiscale');
  });

  it('when an unknown template is asked for, then ModelloSconosciuto lists the ones there are', () => {
    expect(() => engine.render('../package', {})).toThrow(ModelloSconosciuto);
    expect(() => engine.render('nessuno', {})).toThrow(/disponibili: bando-fondo-affitti, domanda-fondo-affitti, provvedimento-accreditamento, rapporto-validazione, ricevuta-protocollo, rigetto-accreditamento, riparto-fondo-affitti/);
  });

  it('when the act’s own protocol is known, then the block prints it; when not, blanks for the segnatura', () => {
    const data = sample('provvedimento-accreditamento');
    expect(engine.render('provvedimento-accreditamento', data).html).toContain('numero e data nella segnatura di protocollo');
    const withOwn = engine.render('provvedimento-accreditamento', { ...data, protocolloUscita: { numero: 1600, anno: 2026, data: '2026-11-24T10:00:00Z' } }).html;
    expect(withOwn).toContain('Prot. n. <strong>1600/2026</strong> del <strong>24/11/2026</strong>');
    expect(withOwn).toContain('Rif.: istanza prot. n. 1482/2026 del 09/11/2026');
  });

  it('when a validation report is rendered, then it has the letterhead but no protocol block, and its optional parts are left out', () => {
    const data = sample('rapporto-validazione');
    const { html } = engine.render('rapporto-validazione', data);
    expect(html).toContain('REGIONE PUGLIA');
    expect(html).not.toContain('Prot. n.');
    expect(html).toContain('Rapporto di validazione del flusso patrimoniale');
    expect(html).toContain('&lt;Superficie&gt; di 5 m²');
    const valid = engine.render('rapporto-validazione', { ...data, esito: 'VALIDO', riepilogo: [], problemi: [], nota: null, caricamento: null, unita: null }).html;
    expect(valid).toContain('La validazione non ha trovato problemi');
    expect(valid).not.toContain('Caricamento');
    expect(valid).not.toContain('Unità immobiliari lette');
    expect(valid).not.toContain('<p class="formula">Problemi</p>');
  });

  it('when the date of the document is printed, then it is the day of rendering in Rome', () => {
    const { html } = engine.render('provvedimento-accreditamento', sample('provvedimento-accreditamento'), new Date('2026-12-31T23:30:00Z'));
    expect(html).toContain('Bari, 01/01/2027');
  });
});

describe('formatting helpers', () => {
  it('when a date is formatted, then it is dd/mm/yyyy in Rome’s time zone', () => {
    expect(formatDate('2026-11-09T09:41:17.000Z')).toBe('09/11/2026');
    expect(formatDate('2026-06-30T22:30:00Z')).toBe('01/07/2026');
    expect(formatDate(new Date('2026-01-05T12:00:00Z'))).toBe('05/01/2026');
    expect(formatTime('2026-06-30T22:30:00Z')).toBe('00:30');
  });

  it('when an amount is formatted, then it reads 1.234,56 €', () => {
    expect(formatEuro(1234.5)).toBe('1.234,50\u00a0€');
    expect(formatEuro(1234567.891)).toBe('1.234.567,89\u00a0€');
    expect(formatEuro(0)).toBe('0,00\u00a0€');
    expect(formatEuro(-42)).toBe('-42,00\u00a0€');
    expect(formatEuro('950.4')).toBe('950,40\u00a0€');
  });

  it('when a value is not a date or an amount, then the helper throws rather than print nonsense', () => {
    expect(() => formatDate(undefined)).toThrow('formatDate: not a date');
    expect(() => formatDate('ieri')).toThrow('formatDate: not a date: "ieri"');
    expect(() => formatEuro('mille')).toThrow('formatEuro: not an amount');
    expect(() => formatEuro(undefined)).toThrow('formatEuro: not an amount');
  });
});
