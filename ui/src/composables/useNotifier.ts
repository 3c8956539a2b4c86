import { reactive } from 'vue';

interface Notice {
  visible: boolean;
  text: string;
  color: 'success' | 'error';
}

const notice = reactive<Notice>({ visible: false, text: '', color: 'success' });

/** Short messages in the app's one snackbar; they survive a change of page. */
export function useNotifier() {
  const show = (text: string, color: Notice['color']) => Object.assign(notice, { visible: true, text, color });
  return {
    notice,
    success: (text: string) => show(text, 'success'),
    error: (text: string) => show(text, 'error'),
  };
}
