import { useVaultInfo } from '../../api';
import { formatBytes, plural } from '../../ui/format';
import { QuotaForm } from '../connections/QuotaForm';

/** Settings → Vault: how much the local vault holds, and its quota. */
export function VaultSection() {
  const { info, error, setQuota } = useVaultInfo();
  const percent = info?.quotaBytes ? Math.min(100, Math.round((info.usedBytes / info.quotaBytes) * 100)) : null;
  const usage = info
    ? info.quotaBytes === null
      ? `${formatBytes(info.usedBytes)} used, no limit`
      : `${formatBytes(info.usedBytes)} of ${formatBytes(info.quotaBytes)} used`
    : '';

  return (
    <section className="settings-section" aria-label="Vault">
      <header className="settings-section__header">
        <div>
          <h2 className="settings-section__title">Vault</h2>
          <p className="settings-section__lead">Documents kept on this computer, in “My Vault” and the folders you made there.</p>
        </div>
      </header>
      {!info ? (
        <p className="settings-empty" role={error ? 'alert' : 'status'}>
          {error ? error.message : 'Loading…'}
        </p>
      ) : (
        <>
          <div className="usage">
            <p className="usage__text">
              <strong>{usage}</strong> · {plural(info.documentCount, 'document')}
            </p>
            {percent !== null && (
              <div
                className={percent >= 90 ? 'progress progress--failed' : 'progress'}
                role="meter"
                aria-label="Vault usage"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
                aria-valuetext={usage}
              >
                <div className="progress__bar" style={{ width: `${percent}%` }} />
              </div>
            )}
          </div>
          <QuotaForm key={info.quotaBytes ?? 'none'} label="Vault quota" quotaBytes={info.quotaBytes} onSave={setQuota} />
        </>
      )}
    </section>
  );
}
