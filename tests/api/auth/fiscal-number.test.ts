import { codiceFiscaleOf } from '../../../api/auth/login';
import { AppError } from '../../../api/errors';

test('when the provider asserts fiscal_number as SPID does, then the TINIT- prefix is stripped', () => {
  expect(codiceFiscaleOf({ sub: 'opaque-subject', fiscal_number: 'TINIT-RSSMRA80A01A662X' })).toBe('RSSMRA80A01A662X');
});

test('when the fiscal number comes in lower case or with spaces, then it is normalised', () => {
  expect(codiceFiscaleOf({ sub: 'x', fiscal_number: ' tinit-rssmra80a01a662x ' })).toBe('RSSMRA80A01A662X');
});

test('when there is no fiscal_number, then the subject is the codice fiscale', () => {
  expect(codiceFiscaleOf({ sub: 'RSSMRA80A01A662X' })).toBe('RSSMRA80A01A662X');
});

test('when neither carries a value, then the login fails with an Italian error', () => {
  expect(() => codiceFiscaleOf({ sub: ' ', fiscal_number: '' })).toThrow(
    new AppError('ACCESSO_NON_RIUSCITO', 502, 'Il servizio di identità non ha comunicato il codice fiscale.'),
  );
});
