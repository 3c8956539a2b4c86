import { detectDelimiter, parseCsv, parseCsvRecords } from '../../../prisma/seed/csv';

describe('CSV reader', () => {
  it('when the header is separated by semicolons, then the semicolon is detected', () => {
    expect(detectDelimiter('a;b;"c,d";e\n1,2,3')).toBe(';');
    expect(detectDelimiter('a,b,c\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
  });

  it('when fields are quoted, then delimiters, doubled quotes and line breaks inside them are kept', () => {
    const text = 'name,address,note\r\n"Comune di Bari","Corso Vittorio Emanuele II, 84","detto ""il capoluogo""\nseconda riga"\r\n';
    expect(parseCsv(text)).toEqual([
      ['name', 'address', 'note'],
      ['Comune di Bari', 'Corso Vittorio Emanuele II, 84', 'detto "il capoluogo"\nseconda riga'],
    ]);
  });

  it('when the file starts with a BOM and ends without a newline, then the header and last row are intact', () => {
    expect(parseCsv('\uFEFFa,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('when a row is shorter than the header or blank, then missing fields are empty and blank lines dropped', () => {
    expect(parseCsvRecords('a,b,c\n\n1,2\n').records).toEqual([{ a: '1', b: '2', c: '' }]);
  });

  it('when the file ends inside a quoted field, then it is refused as truncated', () => {
    expect(() => parseCsv('a,b\n"1,2\n')).toThrow(/quoted field/);
  });
});
