import { useEffect, useId, useRef, useState } from 'react';
import { TextField } from '../../ui/form-fields';
import { checkNextcloudAppPassword, checkNextcloudLogin, focusFirstInvalid, type NextcloudValues } from './connection-forms';
import { FormFooter } from './FormFooter';
import type { ConnectFlow } from './use-connect-flow';
import { useFieldErrors } from './use-field-errors';

interface NextcloudFormProps {
  readonly flow: ConnectFlow;
  readonly allow: () => boolean;
  readonly onBack: () => void;
  readonly onCancel: () => void;
  /** Main's sentence when this build cannot sign in to Nextcloud through the browser. */
  readonly browserSignInUnavailable: string | undefined;
}

const EMPTY: NextcloudValues = { serverUrl: '', label: '', loginName: '', appPassword: '' };

/**
 * Nextcloud: sign in with the browser (Login Flow v2, the server hands DocuVault an
 * app password) or type an app password made in Nextcloud's security settings.
 */
export function NextcloudForm({ flow, allow, onBack, onCancel, browserSignInUnavailable }: NextcloudFormProps) {
  const form = useRef<HTMLFormElement>(null);
  const appPasswordFieldsId = useId();
  const browserNoteId = useId();
  const [values, setValues] = useState(EMPTY);
  const [useAppPassword, setUseAppPassword] = useState(false);
  const fields = useFieldErrors<keyof NextcloudValues>();
  const showAppPassword = useAppPassword || browserSignInUnavailable !== undefined;
  const loginNameInput = useRef<HTMLInputElement>(null);

  // Choosing app passwords reveals their fields; the person continues typing there.
  useEffect(() => {
    if (useAppPassword) loginNameInput.current?.focus();
  }, [useAppPassword]);

  const set = (field: keyof NextcloudValues) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    fields.clear(field);
    if (field === 'serverUrl') flow.clearErrors();
  };

  const reportInvalid = () => queueMicrotask(() => focusFirstInvalid(form.current));

  const signInWithBrowser = () => {
    if (browserSignInUnavailable || flow.busy) return;
    const checked = checkNextcloudLogin(values);
    fields.show(checked.errors);
    if (!checked.input) return reportInvalid();
    if (!allow()) return;
    void flow.submit({ kind: 'nextcloud-login', url: checked.input.serverUrl, input: checked.input });
  };

  return (
    <form
      ref={form}
      noValidate
      aria-label="Nextcloud connection"
      onSubmit={(event) => {
        event.preventDefault();
        if (!showAppPassword) {
          signInWithBrowser();
          return;
        }
        const checked = checkNextcloudAppPassword(values);
        fields.show(checked.errors);
        if (!checked.input) return reportInvalid();
        if (!allow()) return;
        void flow.submit({ kind: 'nextcloud', url: checked.input.serverUrl, input: checked.input });
      }}
    >
      <fieldset className="form-fields" disabled={flow.busy}>
        <TextField
          label="Server URL"
          type="url"
          value={values.serverUrl}
          onChange={set('serverUrl')}
          placeholder="https://cloud.example.com"
          error={fields.errors.serverUrl ?? flow.urlError}
          autoFocus
        />
        <TextField label="Name" hint="optional" value={values.label} onChange={set('label')} error={fields.errors.label} />
        <div className="nextcloud-methods">
          <button
            // Enter in the address field signs in with the browser until the person picks app passwords.
            type={showAppPassword ? 'button' : 'submit'}
            className={showAppPassword ? 'button' : 'button button--primary'}
            aria-disabled={browserSignInUnavailable ? true : undefined}
            aria-describedby={browserSignInUnavailable ? browserNoteId : undefined}
            onClick={(event) => {
              event.preventDefault();
              signInWithBrowser();
            }}
          >
            Sign in with browser
          </button>
          <button
            type="button"
            className="button"
            aria-expanded={showAppPassword}
            aria-controls={appPasswordFieldsId}
            onClick={() => setUseAppPassword(true)}
          >
            Use an app password
          </button>
        </div>
        {browserSignInUnavailable && (
          <p id={browserNoteId} className="field__description" role="status">
            {browserSignInUnavailable}
          </p>
        )}
        <div id={appPasswordFieldsId} hidden={!showAppPassword}>
          <p className="field__description">Make an app password in Nextcloud under Settings → Security → Devices &amp; sessions.</p>
          <TextField label="Login name" inputRef={loginNameInput} value={values.loginName} onChange={set('loginName')} autoComplete="username" error={fields.errors.loginName} />
          <TextField label="App password" type="password" value={values.appPassword} onChange={set('appPassword')} error={fields.errors.appPassword} />
        </div>
      </fieldset>
      <FormFooter busy={flow.busy} error={flow.formError} onBack={onBack} onCancel={onCancel} submitLabel={showAppPassword ? 'Connect' : null} />
    </form>
  );
}
