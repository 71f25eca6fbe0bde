import { useRef, useState } from 'react';
import { CheckboxField, TextField } from '../../ui/form-fields';
import { checkS3, focusFirstInvalid, type S3Values } from './connection-forms';
import { FormFooter } from './FormFooter';
import type { ConnectFlow } from './use-connect-flow';
import { useFieldErrors } from './use-field-errors';

interface S3FormProps {
  readonly flow: ConnectFlow;
  readonly allow: () => boolean;
  readonly onBack: () => void;
  readonly onCancel: () => void;
}

const EMPTY: S3Values = {
  endpoint: '',
  region: 'us-east-1',
  bucket: '',
  accessKeyId: '',
  secretAccessKey: '',
  pathStyle: true,
  prefix: '',
  quota: '',
  label: '',
};

type TextKey = Exclude<keyof S3Values, 'pathStyle'>;

export function S3Form({ flow, allow, onBack, onCancel }: S3FormProps) {
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(EMPTY);
  const fields = useFieldErrors<TextKey>();

  const set = (field: TextKey) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    fields.clear(field);
    if (field === 'endpoint') flow.clearErrors();
  };

  return (
    <form
      ref={form}
      noValidate
      aria-label="S3-compatible storage connection"
      onSubmit={(event) => {
        event.preventDefault();
        const checked = checkS3(values);
        fields.show(checked.errors);
        if (!checked.input) {
          queueMicrotask(() => focusFirstInvalid(form.current));
          return;
        }
        if (!allow()) return;
        void flow.submit({ kind: 's3', url: checked.input.endpoint, input: checked.input });
      }}
    >
      <fieldset className="form-fields" disabled={flow.busy}>
        <TextField
          label="Endpoint"
          type="url"
          value={values.endpoint}
          onChange={set('endpoint')}
          placeholder="https://s3.eu-central-1.amazonaws.com"
          error={fields.errors.endpoint ?? flow.urlError}
          autoFocus
        />
        <div className="form-row">
          <TextField label="Region" value={values.region} onChange={set('region')} error={fields.errors.region} />
          <TextField label="Bucket" value={values.bucket} onChange={set('bucket')} error={fields.errors.bucket} />
        </div>
        <TextField label="Access key ID" value={values.accessKeyId} onChange={set('accessKeyId')} error={fields.errors.accessKeyId} />
        <TextField
          label="Secret access key"
          type="password"
          value={values.secretAccessKey}
          onChange={set('secretAccessKey')}
          error={fields.errors.secretAccessKey}
        />
        <CheckboxField
          label="Path-style addressing"
          checked={values.pathStyle}
          onChange={(pathStyle) => setValues((v) => ({ ...v, pathStyle }))}
          description="Needed by MinIO and most self-hosted servers. Turn it off for services that only accept bucket.host addresses."
        />
        <TextField
          label="Prefix"
          hint="optional"
          value={values.prefix}
          onChange={set('prefix')}
          description="A folder inside the bucket to keep DocuVault’s documents in."
          error={fields.errors.prefix}
        />
        <TextField
          label="Quota"
          hint="optional"
          value={values.quota}
          onChange={set('quota')}
          placeholder="50 GB"
          description="DocuVault stops uploading here once this much is stored. Empty means no limit."
          error={fields.errors.quota}
        />
        <TextField label="Name" hint="optional" value={values.label} onChange={set('label')} error={fields.errors.label} />
      </fieldset>
      <FormFooter busy={flow.busy} error={flow.formError} onBack={onBack} onCancel={onCancel} />
    </form>
  );
}
