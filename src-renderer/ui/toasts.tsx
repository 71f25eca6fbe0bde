import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { CloseIcon } from './icons';
import './toasts.css';

type ToastKind = 'error' | 'info';

interface Toast {
  readonly id: number;
  readonly kind: ToastKind;
  readonly message: string;
}

export interface Toasts {
  /** Shows an error's message to the person (role="alert"). */
  error(message: string): void;
  /** A quiet confirmation (role="status"). */
  info(message: string): void;
}

const ToastContext = createContext<Toasts | null>(null);

const LIFETIME_MS: Record<ToastKind, number> = { error: 8000, info: 4000 };
const MAX_VISIBLE = 4;
let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<readonly Toast[]>([]);

  const show = useCallback((kind: ToastKind, message: string) => {
    setToasts((current) => {
      // The same failure reported twice in a row is one toast, not a stack of them.
      if (current.some((t) => t.kind === kind && t.message === message)) return current;
      return [...current, { id: nextId++, kind, message }].slice(-MAX_VISIBLE);
    });
  }, []);
  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((t) => t.id !== id)), []);
  const api = useMemo<Toasts>(() => ({ error: (m) => show('error', m), info: (m) => show('info', m) }), [show]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toast-viewport">
        {toasts.map((toast) => (
          <ToastView key={toast.id} toast={toast} onDismiss={dismiss} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastView({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => onDismiss(toast.id), LIFETIME_MS[toast.kind]);
    return () => clearTimeout(timer);
  }, [paused, toast, onDismiss]);

  return (
    <div
      className={`toast toast--${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <span className="toast__message">{toast.message}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>
        <CloseIcon />
      </button>
    </div>
  );
}

export function useToasts(): Toasts {
  const toasts = useContext(ToastContext);
  if (!toasts) throw new Error('useToasts must be used inside <ToastProvider>.');
  return toasts;
}
