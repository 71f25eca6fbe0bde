import { useState } from 'react';

export function ImageView({ url, name }: { url: string; name: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return <p className="viewer__message">This image could not be shown. Save a copy to open it elsewhere.</p>;
  return (
    <div className="image-view">
      <img src={url} alt={name} decoding="async" draggable={false} onError={() => setFailed(true)} />
    </div>
  );
}
