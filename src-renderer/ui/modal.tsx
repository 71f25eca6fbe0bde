import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useFocusTrap } from './focus-trap';
import './dialog.css';

interface ModalProps {
  /** "alertdialog" for questions with consequences (disconnect, remove data); "dialog" otherwise. */
  readonly role?: 'dialog' | 'alertdialog';
  readonly labelledBy: string;
  readonly describedBy?: string;
  /** Escape (and, where allowed, a click beside the dialog) calls this. */
  readonly onDismiss: () => void;
  /** Forms keep what was typed: a stray click beside them must not throw it away. */
  readonly dismissOnBackdrop?: boolean;
  readonly initialFocus?: RefObject<HTMLElement | null>;
  readonly wide?: boolean;
  /**
   * Names the step a multi-step dialog shows. When it changes and the element that
   * had focus went with the old step, focus moves to the first control of the new one.
   */
  readonly step?: string;
  readonly children: ReactNode;
}

/** A modal dialog: focus moves in and stays in, Escape dismisses, focus returns where it was on close. */
export function Modal({ role = 'dialog', labelledBy, describedBy, onDismiss, dismissOnBackdrop = false, initialFocus, wide, step, children }: ModalProps) {
  const dialog = useRef<HTMLDivElement>(null);
  useFocusTrap(dialog, initialFocus);

  useEffect(() => {
    const element = dialog.current;
    if (!element || element.contains(document.activeElement)) return;
    const first = [...element.querySelectorAll<HTMLElement>('input:not([disabled]), select:not([disabled]), button:not([disabled])')].find(
      (candidate) => !candidate.closest('[hidden]'),
    );
    (first ?? element).focus();
  }, [step]);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => dismissOnBackdrop && e.target === e.currentTarget && onDismiss()}>
      <div
        ref={dialog}
        className={wide ? 'dialog dialog--wide' : 'dialog'}
        role={role}
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onDismiss();
          }
        }}
      >
        {children}
      </div>
    </div>
  );
}
