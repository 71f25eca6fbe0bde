import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import './context-menu.css';

export interface MenuItem {
  readonly label: string;
  readonly onSelect: () => void;
  readonly tone?: 'danger';
  readonly disabled?: boolean;
  /** Shown at the right, e.g. "F2"; the item's name stays the label. */
  readonly shortcut?: string;
}

export interface MenuRequest {
  /** Names the menu for assistive technology, e.g. "Actions for invoice.pdf". */
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly items: readonly MenuItem[];
}

type OpenMenu = (request: MenuRequest) => void;
const MenuContext = createContext<OpenMenu | null>(null);

export function ContextMenuProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<MenuRequest | null>(null);
  const close = useCallback(() => setRequest(null), []);
  return (
    <MenuContext.Provider value={setRequest}>
      {children}
      {request && <ContextMenu request={request} onClose={close} />}
    </MenuContext.Provider>
  );
}

export function useContextMenu(): OpenMenu {
  const open = useContext(MenuContext);
  if (!open) throw new Error('useContextMenu must be used inside <ContextMenuProvider>.');
  return open;
}

function ContextMenu({ request, onClose }: { request: MenuRequest; onClose: () => void }) {
  const menu = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ left: request.x, top: request.y });

  useLayoutEffect(() => {
    const element = menu.current;
    if (!element) return;
    // Keep the whole menu on screen when it opens near an edge.
    const { width, height } = element.getBoundingClientRect();
    setPosition({
      left: Math.max(4, Math.min(request.x, window.innerWidth - width - 4)),
      top: Math.max(4, Math.min(request.y, window.innerHeight - height - 4)),
    });
  }, [request]);

  useEffect(() => {
    const element = menu.current;
    const returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
    const onPointerDown = (event: MouseEvent) => {
      if (!element?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('mousedown', onPointerDown, true);
    window.addEventListener('blur', onClose);
    window.addEventListener('resize', onClose);
    return () => {
      document.removeEventListener('mousedown', onPointerDown, true);
      window.removeEventListener('blur', onClose);
      window.removeEventListener('resize', onClose);
      if (returnFocusTo?.isConnected && !element?.contains(document.activeElement)) returnFocusTo.focus();
    };
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape' || event.key === 'Tab') onClose();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div
      ref={menu}
      className="context-menu"
      role="menu"
      aria-label={request.label}
      style={{ left: position.left, top: position.top }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      {request.items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          disabled={item.disabled}
          className={item.tone === 'danger' ? 'context-menu__item context-menu__item--danger' : 'context-menu__item'}
          onClick={() => {
            onClose();
            item.onSelect();
          }}
        >
          <span>{item.label}</span>
          {item.shortcut && (
            <kbd className="context-menu__shortcut" aria-hidden="true">
              {item.shortcut}
            </kbd>
          )}
        </button>
      ))}
    </div>
  );
}
