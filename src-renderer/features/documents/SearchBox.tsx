import { useEffect, useState, type Ref } from 'react';
import { SearchIcon } from '../../ui/icons';

export const SEARCH_DEBOUNCE_MS = 200;

interface SearchBoxProps {
  readonly value: string;
  readonly onSearch: (value: string) => void;
  readonly inputRef?: Ref<HTMLInputElement>;
}

/** Typing updates the box at once and the listing after a pause, so each keystroke is not a query. */
export function SearchBox({ value, onSearch, inputRef }: SearchBoxProps) {
  const [draft, setDraft] = useState(value);

  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => onSearch(draft), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, value, onSearch]);

  return (
    <div className="search-box">
      <SearchIcon />
      <input
        ref={inputRef}
        type="search"
        className="text-input"
        aria-label="Search documents"
        placeholder="Search"
        value={draft}
        maxLength={200}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && draft) {
            e.preventDefault();
            e.stopPropagation();
            setDraft('');
            onSearch('');
          } else if (e.key === 'Enter') {
            onSearch(draft);
          }
        }}
      />
    </div>
  );
}
