import { useState } from 'react';
import type { ErrorInfo } from '../../../src-shared/errors';
import { parseByteSize } from '../../ui/byte-size';
import { TextField } from '../../ui/form-fields';
import { formatBytes } from '../../ui/format';

interface QuotaFormProps {
  /** The field's label, e.g. "Vault quota". */
  readonly label: string;
  readonly quotaBytes: number | null;
  readonly onSave: (quotaBytes: number | null) => Promise<{ ok: true } | { ok: false; error: ErrorInfo }>;
  readonly onDone?: () => void;
  readonly autoFocus?: boolean;
}

/** Edits a byte quota as people write sizes ("50 GB"); empty means no limit. */
export function QuotaForm({ label, quotaBytes, onSave, onDone, autoFocus }: QuotaFormProps) {
  const [text, setText] = useState(quotaBytes === null ? '' : formatBytes(quotaBytes));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <form
      className="inline-form"
      aria-label={label}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const parsed = parseByteSize(text);
        if (!parsed.ok) return setError(parsed.message);
        setBusy(true);
        const result = await onSave(parsed.bytes);
        setBusy(false);
        if (!result.ok) return setError(result.error.message);
        setSaved(parsed.bytes === null ? 'No limit set.' : `Quota set to ${formatBytes(parsed.bytes)}.`);
        onDone?.();
      }}
    >
      <TextField
        label={label}
        value={text}
        onChange={(value) => {
          setText(value);
          setError(null);
          setSaved(null);
        }}
        placeholder="No limit"
        description="For example 50 GB or 500 MB. Leave it empty for no limit."
        error={error}
        autoFocus={autoFocus}
      />
      <div className="inline-form__actions">
        {onDone && (
          <button type="button" className="button" onClick={onDone} disabled={busy}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          Save quota
        </button>
        <span className="field__description" role="status">
          {saved}
        </span>
      </div>
    </form>
  );
}
