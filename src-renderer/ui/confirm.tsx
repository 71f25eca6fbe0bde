import { createContext, useCallback, useContext, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useFocusTrap } from './focus-trap';
import './dialog.css';

export interface ConfirmRequest {
  readonly title: string;
  readonly message: ReactNode;
  /** The button that goes ahead, named for what it does ("Delete", "Delete folder and its 3 documents"). */
  readonly confirmLabel: string;
  readonly tone?: 'danger' | 'normal';
}

type Confirm = (request: ConfirmRequest) => Promise<boolean>;

const ConfirmContext = createContext<Confirm | null>(null);

interface Pending extends ConfirmRequest {
  readonly resolve: (confirmed: boolean) => void;
}

/** Asks one question at a time in an alertdialog; `confirm()` answers true only for the go-ahead button. */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<Pending | null>(null);

  const confirm = useCallback<Confirm>(
    (request) =>
      new Promise<boolean>((resolve) => {
        setPending((previous) => {
          previous?.resolve(false);
          return { ...request, resolve };
        });
      }),
    [],
  );

  const answer = useCallback(
    (confirmed: boolean) => {
      pending?.resolve(confirmed);
      setPending(null);
    },
    [pending],
  );

  const value = useMemo(() => confirm, [confirm]);
  return (
    <ConfirmContext.Provider value={value}>
      {children}
      {pending && <ConfirmDialog request={pending} onAnswer={answer} />}
    </ConfirmContext.Provider>
  );
}

function ConfirmDialog({ request, onAnswer }: { request: ConfirmRequest; onAnswer: (confirmed: boolean) => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const messageId = useId();
  // The least destructive choice has focus, so a stray Enter never deletes anything.
  useFocusTrap(dialog, cancel);

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onAnswer(false)}>
      <div
        ref={dialog}
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={messageId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onAnswer(false);
          }
        }}
      >
        <h2 id={titleId} className="dialog__title">
          {request.title}
        </h2>
        <div id={messageId} className="dialog__message">
          {request.message}
        </div>
        <div className="dialog__actions">
          <button ref={cancel} type="button" className="button" onClick={() => onAnswer(false)}>
            Cancel
          </button>
          <button
            type="button"
            className={request.tone === 'normal' ? 'button button--primary' : 'button button--danger'}
            onClick={() => onAnswer(true)}
          >
            {request.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

export function useConfirm(): Confirm {
  const confirm = useContext(ConfirmContext);
  if (!confirm) throw new Error('useConfirm must be used inside <ConfirmProvider>.');
  return confirm;
}
