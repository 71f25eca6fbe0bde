import { useId } from 'react';

interface FormFooterProps {
  readonly busy: boolean;
  /** Main's answer when connecting failed. */
  readonly error: string | null;
  readonly onBack: () => void;
  readonly onCancel: () => void;
  /** Null when the form's submit button lives elsewhere in the form. */
  readonly submitLabel?: string | null;
}

/** The end of a connect form: what went wrong (if anything), Back, Cancel and the submit button. */
export function FormFooter({ busy, error, onBack, onCancel, submitLabel = 'Connect' }: FormFooterProps) {
  const errorId = useId();
  return (
    <>
      {error && (
        <p id={errorId} className="form-alert" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button dialog__actions-start" onClick={onBack} disabled={busy}>
          Back
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        {submitLabel !== null && (
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy} aria-describedby={error ? errorId : undefined}>
            {busy ? 'Connecting…' : submitLabel}
          </button>
        )}
      </div>
    </>
  );
}
