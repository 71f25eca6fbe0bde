/** The event object Electron passes to listeners that can veto what is about to happen. */
export class PreventableEvent<Extra extends object = object> {
  defaultPrevented = false;

  constructor(extra?: Extra) {
    Object.assign(this, extra);
  }

  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export function preventableEvent<Extra extends object>(extra: Extra): PreventableEvent<Extra> & Extra {
  return new PreventableEvent(extra) as PreventableEvent<Extra> & Extra;
}
