// Euro amounts are exact: cents from decimal strings, never through floating point, and one Italian format.
import { centsOf, decimalOf, formatEuro, MAX_CENTS, parseItalianAmount } from '../../../workflows/shared/money';

describe('money', () => {
  it('reads decimal strings as exact cents and writes them back', () => {
    expect(centsOf('1234.57')).toBe(123457);
    expect(centsOf('0.1')).toBe(10);
    expect(centsOf('-42')).toBe(-4200);
    expect(decimalOf(centsOf('0.1') + centsOf('0.2'))).toBe('0.30');
    expect(decimalOf(123457)).toBe('1234.57');
    expect(decimalOf(-5)).toBe('-0.05');
    expect(decimalOf(MAX_CENTS)).toBe('999999999999.99');
  });

  it('refuses what is not an amount with at most two decimals, instead of rounding it', () => {
    for (const bad of ['1.234', '12,5', 'abc', '', '1e3', '0.005']) expect(() => centsOf(bad)).toThrow(RangeError);
    expect(() => centsOf('1000000000000.00')).toThrow(/troppo grande/);
    expect(() => decimalOf(0.5)).toThrow(RangeError);
  });

  it('reads what a person types in Italian or in decimal notation', () => {
    expect(parseItalianAmount('1.234,56')).toBe('1234.56');
    expect(parseItalianAmount('1234,5')).toBe('1234.50');
    expect(parseItalianAmount('1234.56')).toBe('1234.56');
    expect(parseItalianAmount('1.234')).toBe('1234.00');
    expect(parseItalianAmount(' 95 € ')).toBe('95.00');
    expect(parseItalianAmount('12,345')).toBeNull();
    expect(parseItalianAmount('dodici')).toBeNull();
  });

  it('formats 1.234,56 € with thousands, cents, sign and a dash for no amount', () => {
    expect(formatEuro('1234.5')).toBe('1.234,50\u00a0€');
    expect(formatEuro('1234567.89')).toBe('1.234.567,89\u00a0€');
    expect(formatEuro('0')).toBe('0,00\u00a0€');
    expect(formatEuro('-0.05')).toBe('-0,05\u00a0€');
    expect(formatEuro(999)).toBe('999,00\u00a0€');
    // A number is rounded to the cent once: 0.1 + 0.2 reads 0,30 €.
    expect(formatEuro(0.1 + 0.2)).toBe('0,30\u00a0€');
    expect(formatEuro(null)).toBe('—');
    expect(formatEuro(undefined)).toBe('—');
  });
});
