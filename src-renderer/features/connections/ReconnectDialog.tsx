import { useId, useRef, useState } from 'react';
import type { ConnectionDto } from '../../../src-shared/domain';
import { useConnections, useInvoke } from '../../api';
import { TextField } from '../../ui/form-fields';
import { Modal } from '../../ui/modal';
import { useToasts } from '../../ui/toasts';
import { focusFirstInvalid } from './connection-forms';
import { providerName } from './connection-text';
import { ConsentNotice } from './ConsentNotice';
import { credentialsFrom, initialCredentialValues, RECONNECT_FIELDS } from './reconnect-fields';
import { useConsentGate } from './use-consent-gate';

interface ReconnectDialogProps {
  readonly connection: ConnectionDto;
  readonly onClose: () => void;
}

/** New credentials for a password-based connection; its folders and documents stay as they are. */
export function ReconnectDialog({ connection, onClose }: ReconnectDialogProps) {
  const titleId = useId();
  const form = useRef<HTMLFormElement>(null);
  const invoke = useInvoke();
  const toasts = useToasts();
  const { store, protection } = useConnections();
  const gate = useConsentGate();
  const fields = RECONNECT_FIELDS[connection.provider] ?? [];
  const [values, setValues] = useState(() => initialCredentialValues(connection.provider, connection.account));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const missing = Object.fromEntries(
      fields.filter((f) => !(values[f.key] ?? '').trim() && !(connection.provider === 'nextcloud' && f.key === 'loginName')).map((f) => [f.key, 'This field is required.']),
    );
    setErrors(missing);
    const credentials = credentialsFrom(connection.provider, values);
    if (Object.keys(missing).length > 0 || !credentials) {
      queueMicrotask(() => focusFirstInvalid(form.current));
      return;
    }
    if (!gate.allow()) return;
    setBusy(true);
    setFormError(null);
    const result = await invoke('connections:reconnect', { id: connection.id, credentials });
    setBusy(false);
    if (!result.ok) return setFormError(result.error.message);
    void store.reload();
    toasts.info(`${result.value.label} reconnected`);
    onClose();
  };

  return (
    <Modal labelledBy={titleId} onDismiss={onClose}>
      <form
        ref={form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id={titleId} className="dialog__title">
          Reconnect {connection.label}
        </h2>
        <p className="step__text">
          Enter the {providerName(connection.provider)} credentials for {connection.account || connection.label} again. Its
          folders and documents stay as they are.
        </p>
        {connection.lastError && <p className="form-note">{connection.lastError}</p>}
        {protection && <ConsentNotice protection={protection} gate={gate} />}
        <fieldset className="form-fields" disabled={busy}>
          {fields.map((field, index) => (
            <TextField
              key={field.key}
              label={field.label}
              type={field.secret ? 'password' : 'text'}
              value={values[field.key] ?? ''}
              onChange={(value) => {
                setValues((v) => ({ ...v, [field.key]: value }));
                setErrors(({ [field.key]: _gone, ...rest }) => rest);
              }}
              error={errors[field.key]}
              autoFocus={index === fields.findIndex((f) => f.secret)}
            />
          ))}
        </fieldset>
        {formError && (
          <p className="form-alert" role="alert">
            {formError}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
            {busy ? 'Reconnecting…' : 'Reconnect'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
