import { useEffect, useId, useRef, useState } from 'react';
import type { DocumentDto, ShareLinkDto } from '../../../src-shared/domain';
import { useInvoke } from '../../api';
import { copyText } from '../../ui/clipboard';
import { formatFullDate } from '../../ui/format';
import { Modal } from '../../ui/modal';
import { useToasts } from '../../ui/toasts';
import '../../ui/form-fields.css';
import { DEFAULT_SHARE_EXPIRY, SHARE_EXPIRIES } from './share-expiry';

interface ShareLinkDialogProps {
  readonly document: DocumentDto;
  readonly onUnsupported: () => void;
  readonly onClose: () => void;
}

type State =
  | { readonly kind: 'choosing'; readonly error: string | null; readonly unsupported: boolean }
  | { readonly kind: 'creating' }
  /** The clipboard refused (Electron denies the permission by default): the link is shown, selected, to copy by hand. */
  | { readonly kind: 'manual'; readonly link: ShareLinkDto };

/** "Copy share link…": pick how long the link works, then it goes to the clipboard (or is shown to copy). */
export function ShareLinkDialog({ document, onUnsupported, onClose }: ShareLinkDialogProps) {
  const titleId = useId();
  const linkField = useRef<HTMLInputElement>(null);
  const invoke = useInvoke();
  const toasts = useToasts();
  const [expiresIn, setExpiresIn] = useState(DEFAULT_SHARE_EXPIRY);
  const [state, setState] = useState<State>({ kind: 'choosing', error: null, unsupported: false });

  useEffect(() => {
    if (state.kind !== 'manual') return;
    linkField.current?.focus();
    linkField.current?.select();
  }, [state.kind]);

  const create = async () => {
    setState({ kind: 'creating' });
    const result = await invoke('documents:share-link', { id: document.id, expiresInSeconds: expiresIn });
    if (!result.ok) {
      const unsupported = result.error.code === 'UNSUPPORTED';
      if (unsupported) onUnsupported();
      setState({ kind: 'choosing', error: result.error.message, unsupported });
      return;
    }
    if (await copyText(result.value.url)) {
      toasts.info(`Link copied. It works until ${formatFullDate(result.value.expiresAt)}.`);
      onClose();
    } else {
      setState({ kind: 'manual', link: result.value });
    }
  };

  return (
    <Modal labelledBy={titleId} onDismiss={onClose}>
      <h2 id={titleId} className="dialog__title">
        Share “{document.name}”
      </h2>
      {state.kind === 'manual' ? (
        <>
          <p className="step__text">
            Copy the link below (it is selected). Anyone with it can open the document until {formatFullDate(state.link.expiresAt)}.
          </p>
          <input ref={linkField} className="text-input field__input" readOnly aria-label="Share link" value={state.link.url} onFocus={(e) => e.currentTarget.select()} />
          <div className="dialog__actions">
            <button type="button" className="button button--primary" onClick={onClose}>
              Done
            </button>
          </div>
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (state.kind === 'choosing' && state.unsupported) return;
            void create();
          }}
        >
          <p className="step__text">Anyone with the link can open this document until it expires.</p>
          <fieldset className="choice-fieldset" disabled={state.kind === 'creating'}>
            <legend className="field__label">Link works for</legend>
            <ul className="choice-list choice-list--row">
              {SHARE_EXPIRIES.map((option) => (
                <li key={option.seconds}>
                  <label className="choice">
                    <input type="radio" name="share-expiry" checked={expiresIn === option.seconds} onChange={() => setExpiresIn(option.seconds)} />
                    <span className="choice__label">{option.label}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          {state.kind === 'choosing' && state.error && (
            <p className="form-alert" role="alert">
              {state.error}
            </p>
          )}
          <div className="dialog__actions">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button
              type="submit"
              className="button button--primary"
              disabled={state.kind === 'creating' || (state.kind === 'choosing' && state.unsupported)}
            >
              {state.kind === 'creating' ? 'Creating link…' : 'Copy link'}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
