import '@mdi/font/css/materialdesignicons.css';
import 'vuetify/styles';
import { createVuetify } from 'vuetify';
import { it } from 'vuetify/locale';

/** The one place for PUSH's look: institutional blue as on Italian PA sites, Italian texts, component defaults. */
export const vuetify = createVuetify({
  locale: { locale: 'it', fallback: 'it', messages: { it } },
  theme: {
    defaultTheme: 'push',
    themes: {
      push: {
        dark: false,
        // Secondary text (labels, hints, subtitles) at 4.5:1 at least on the page's background (WCAG 2.1 AA).
        variables: { 'medium-emphasis-opacity': 0.74 },
        colors: {
          primary: '#0066CC',
          secondary: '#5C6F82',
          background: '#F5F7FA',
          surface: '#FFFFFF',
          success: '#008758',
          warning: '#A66300',
          error: '#D9364F',
          info: '#0066CC',
        },
      },
    },
  },
  defaults: {
    VAppBar: { color: 'primary', flat: true },
    VBtn: { variant: 'flat', rounded: 'sm', class: 'text-none' },
    VCard: { variant: 'outlined', rounded: 'lg' },
    // An outlined card is transparent: over the page, a dialog's or a menu's card is solid, whichever it is.
    VDialog: { VCard: { variant: 'elevated' } },
    VMenu: { VCard: { variant: 'elevated' } },
    VChip: { size: 'small', label: true },
    VTextField: { variant: 'outlined', density: 'comfortable', hideDetails: 'auto' },
    VTextarea: { variant: 'outlined', density: 'comfortable', hideDetails: 'auto' },
    VSelect: { variant: 'outlined', density: 'comfortable', hideDetails: 'auto' },
    VAutocomplete: { variant: 'outlined', density: 'comfortable', hideDetails: 'auto' },
    VFileInput: { variant: 'outlined', density: 'comfortable', hideDetails: 'auto', prependIcon: '', prependInnerIcon: 'mdi-paperclip' },
    VRadioGroup: { hideDetails: 'auto' },
    VDataTable: { density: 'comfortable', hover: true, mobileBreakpoint: 'sm' },
    VDataTableServer: { density: 'comfortable', hover: true, mobileBreakpoint: 'sm' },
    VAlert: { variant: 'tonal', density: 'comfortable' },
    VSnackbar: { location: 'bottom right', timeout: 5000 },
  },
});
