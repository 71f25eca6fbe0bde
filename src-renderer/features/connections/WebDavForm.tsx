import { useRef, useState } from 'react';
import { TextField } from '../../ui/form-fields';
import { checkWebDav, focusFirstInvalid, type WebDavValues } from './connection-forms';
import { FormFooter } from './FormFooter';
import type { ConnectFlow } from './use-connect-flow';
import { useFieldErrors } from './use-field-errors';

interface WebDavFormProps {
  readonly flow: ConnectFlow;
  /** False while a consent step must come first; the gate then points the person there. */
  readonly allow: () => boolean;
  readonly onBack: () => void;
  readonly onCancel: () => void;
}

const EMPTY: WebDavValues = { url: '', username: '', password: '', label: '' };

export function WebDavForm({ flow, allow, onBack, onCancel }: WebDavFormProps) {
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(EMPTY);
  const fields = useFieldErrors<keyof WebDavValues>();

  const set = (field: keyof WebDavValues) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    fields.clear(field);
    if (field === 'url') flow.clearErrors();
  };

  return (
    <form
      ref={form}
      noValidate
      aria-label="WebDAV connection"
      onSubmit={(event) => {
        event.preventDefault();
        const checked = checkWebDav(values);
        fields.show(checked.errors);
        if (!checked.input) {
          queueMicrotask(() => focusFirstInvalid(form.current));
          return;
        }
        if (!allow()) return;
        void flow.submit({ kind: 'webdav', url: checked.input.url, input: checked.input });
      }}
    >
      <fieldset className="form-fields" disabled={flow.busy}>
        <TextField
          label="Server URL"
          type="url"
          value={values.url}
          onChange={set('url')}
          placeholder="https://dav.example.com/remote.php/webdav/"
          error={fields.errors.url ?? flow.urlError}
          autoFocus
        />
        <TextField label="User name" value={values.username} onChange={set('username')} autoComplete="username" error={fields.errors.username} />
        <TextField label="Password" type="password" value={values.password} onChange={set('password')} error={fields.errors.password} />
        <TextField
          label="Name"
          hint="optional"
          value={values.label}
          onChange={set('label')}
          description="How this connection is called in DocuVault. The server’s name is used when empty."
          error={fields.errors.label}
        />
      </fieldset>
      <FormFooter busy={flow.busy} error={flow.formError} onBack={onBack} onCancel={onCancel} />
    </form>
  );
}
