import { useId, type ChangeEvent, type ReactNode, type Ref } from 'react';
import './form-fields.css';

interface FieldShell {
  readonly label: string;
  /** Shown after the label, e.g. "optional". */
  readonly hint?: string;
  readonly description?: ReactNode;
  /** An inline message next to the field; marks it invalid. */
  readonly error?: string | null | undefined;
}

function describedBy(...ids: Array<string | false | null | undefined>): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

function FieldMessages({ descriptionId, errorId, description, error }: { descriptionId: string; errorId: string; description?: ReactNode; error?: string | null | undefined }) {
  return (
    <>
      {description && (
        <p id={descriptionId} className="field__description">
          {description}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </>
  );
}

interface TextFieldProps extends FieldShell {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: 'text' | 'password' | 'url';
  readonly autoComplete?: string;
  readonly placeholder?: string;
  readonly required?: boolean;
  readonly readOnly?: boolean;
  readonly maxLength?: number;
  readonly inputRef?: Ref<HTMLInputElement>;
  readonly autoFocus?: boolean;
}

/** A labelled text input with its description and inline error tied to it (aria-describedby, aria-invalid). */
export function TextField({ inputRef, ...props }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <div className="field__label-line">
        <label className="field__label" htmlFor={id}>
          {props.label}
        </label>
        {/* Outside the label, so the field is named exactly by it; read as part of its description. */}
        {props.hint && (
          <span id={hintId} className="field__hint">
            ({props.hint})
          </span>
        )}
      </div>
      <input
        id={id}
        ref={inputRef}
        className="text-input field__input"
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete ?? 'off'}
        placeholder={props.placeholder}
        required={props.required}
        readOnly={props.readOnly}
        maxLength={props.maxLength}
        spellCheck={false}
        // Only the first field of a step that just opened asks for focus.
        autoFocus={props.autoFocus}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(Boolean(props.hint) && hintId, Boolean(props.description) && descriptionId, Boolean(props.error) && errorId)}
      />
      <FieldMessages descriptionId={descriptionId} errorId={errorId} description={props.description} error={props.error} />
    </div>
  );
}

interface CheckboxFieldProps {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly description?: ReactNode;
}

export function CheckboxField({ label, checked, onChange, description }: CheckboxFieldProps) {
  const id = useId();
  const descriptionId = `${id}-description`;
  return (
    <div className="field field--checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={description ? descriptionId : undefined}
      />
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {description && (
        <p id={descriptionId} className="field__description">
          {description}
        </p>
      )}
    </div>
  );
}

interface SelectFieldProps extends FieldShell {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }>;
}

export function SelectField(props: SelectFieldProps) {
  const id = useId();
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      <select
        id={id}
        className="text-input field__input field__select"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(Boolean(props.description) && descriptionId, Boolean(props.error) && errorId)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldMessages descriptionId={descriptionId} errorId={errorId} description={props.description} error={props.error} />
    </div>
  );
}
