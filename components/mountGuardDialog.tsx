/** Shows the purchase guard's dialog in its own closed shadow root; resolves true when the PIN was accepted. */
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { GuardDialog, type GuardDialogProps } from './GuardDialog';
import css from './guard-dialog.css?inline';

export async function askParent(ctx: ContentScriptContext, props: Omit<GuardDialogProps, 'done'>, returnFocus: Element): Promise<boolean> {
  let finish: (unlocked: boolean) => void = () => undefined;
  const answered = new Promise<boolean>((resolve) => (finish = resolve));
  const ui = await createShadowRootUi(ctx, {
    name: 'liveseal-guard',
    mode: 'closed',
    css,
    position: 'modal',
    zIndex: 2147483647,
    anchor: document.body,
    append: 'last',
    onMount: (container) => render(<GuardDialog {...props} done={finish} />, container),
    onRemove: () => render(null, ui.uiContainer),
  });
  ui.mount();
  const unlocked = await answered;
  ui.remove();
  (returnFocus as HTMLElement).focus?.();
  return unlocked;
}
