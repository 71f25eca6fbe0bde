/** The endpoints of the fake, by the name the Google APIs give them; faults and the log use these names. */
export type FakeOperation =
  | 'authorize'
  | 'token'
  | 'userinfo'
  | 'about'
  | 'files.list'
  | 'files.get'
  | 'files.media'
  | 'files.create'
  | 'files.update'
  | 'files.delete'
  | 'upload.initiate'
  | 'upload.chunk'
  | 'upload.query'
  | 'upload.cancel'
  | 'unknown';
