/**
 * Published quickXorHash test vectors (input base64 → hash base64), as used
 * by rclone's OneDrive backend tests
 * (backend/onedrive/quickxorhash/quickxorhash_test.go): data only. Sizes past
 * 160 bytes make the 160-bit ring wrap, and sizes 20 and above exercise the
 * length XORed into the last 8 bytes over real content.
 */
export const QUICK_XOR_VECTORS: ReadonlyArray<{ size: number; input: string; hash: string }> = [
  { size: 0, input: '', hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' },
  { size: 1, input: 'Sg==', hash: 'SgAAAAAAAAAAAAAAAQAAAAAAAAA=' },
  { size: 2, input: 'tbQ=', hash: 'taAFAAAAAAAAAAAAAgAAAAAAAAA=' },
  { size: 3, input: '0pZP', hash: '0rDEEwAAAAAAAAAAAwAAAAAAAAA=' },
  { size: 8, input: '/aNzzCFPS/A=', hash: '/RjFHJgRgicsAR4ACAAAAAAAAAA=' },
  { size: 13, input: 'vPgoDjOfO6fm71RxLw==', hash: 'vMAHChwwg0/s4BTmdQcV4vACAAA=' },
  { size: 16, input: '2fuxhBJXtpWFe8dOfdGeHw==', hash: 'O9tHLAghgSvYohKFyMMxnNCHaHg=' },
  { size: 20, input: 'T6LYJIfDh81JrAK309H2JMJTXis=', hash: 'zBTHrspn3mEcohlJdIUAbjGNaNg=' },
  { size: 21, input: 'DWAAX5/CIfrmErgZa8ot6ZraeSbu', hash: 'LR2Z0PjuRYGKQB/mhQAuMrAGZbQ=' },
  { size: 32, input: 'NbYXsp5/K6mR+NmHwExjvWeWDJFnXTKWVlzYHoesp2E=', hash: 'wjuAuWDiq04qDt1R8hHWDDcwVoQ=' },
  {
    size: 64,
    input: 'Mb7EGva2rEE5fENDL85P+BsapHEEjv2/siVhKjvAQe02feExVOQSkfmuYzU/kTF1MaKjPmKF/w+cbvwfdWL8aQ==',
    hash: 'n1anP5NfvD4XDYWIeRPW3ZkPv1Y=',
  },
  {
    size: 111,
    input:
      'jyibxJSzO6ZiZ0O1qe3tG/bvIAYssvukh9suIT5wEy1JBINVgPiqdsTW0cOpP0aUfP7mgqLfADkzI/m/GgCuVhr8oFLrOCoTx1/psBOWwhltCbhUx51Icm9aH8tY4Z3ccU+6BKpYQkLCy0B/A9Zc',
    hash: 'hZfLIilSITC6N3e3tQ/iSgEzkto=',
  },
  {
    size: 222,
    input:
      'PfxMcUd0vIW6VbHG/uj/Y0W6qEoKmyBD0nYebEKazKaKG+UaDqBEcmQjbfQeVnVLuodMoPp7P7TR1htX5n2VnkHh22xDyoJ8C/ZQKiSNqQfXvh83judf4RVr9exJCud8Uvgip6aVZTaPrJHVjQhMCp/dEnGvqg0oN5OVkM2qqAXvA0teKUDhgNM71sDBVBCGXxNOR2bpbD1iM4dnuT0ey4L+loXEHTL0fqMeUcEi2asgImnlNakwenDzz0x57aBwyq3AspCFGB1ncX4yYCr/OaCcS5OKi/00WH+wNQU3',
    hash: 'QX/YEpG0gDsmhEpCdWhsxDzsfVE=',
  },
  {
    size: 256,
    input:
      'qwGf2ESubE5jOUHHyc94ORczFYYbc2OmEzo+hBIyzJiNwAzC8PvJqtTzwkWkSslgHFGWQZR2BV5+uYTrYT7HVwRM40vqfj0dBgeDENyTenIOL1LHkjtDKoXEnQ0mXAHoJ8PjbNC93zi5TovVRXTNzfGEs5dpWVqxUzb5lc7dwkyvOluBw482mQ4xrzYyIY1t+//OrNi1ObGXuUw2jBQOFfJVj2Y6BOyYmfB1y36eBxi3zxeG5d5NYjm2GSh6e08QMAwu3zrINcqIzLOuNIiGXBtl7DjKt7b5wqi4oFiRpZsCyx2smhSrdrtK/CkdU6nDN+34vSR/M8rZpWQdBE7a8g==',
    hash: 'WYT9JY3JIo/pEBp+tIM6Gt2nyTM=',
  },
  {
    size: 333,
    input:
      'w0LGhqU1WXFbdavqDE4kAjEzWLGGzmTNikzqnsiXHx2KRReKVTxkv27u3UcEz9+lbMvYl4xFf2Z4aE1xRBBNd1Ke5C0zToSaYw5o4B/7X99nKK2/XaUX1byLow2aju2XJl2OpKpJg+tSJ2fmjIJTkfuYUz574dFX6/VXxSxwGH/xQEAKS5TCsBK3CwnuG1p5SAsQq3gGVozDWyjEBcWDMdy8/AIFrj/y03Lfc/RNRCQTAfZbnf2QwV7sluw4fH3XJr07UoD0YqN+7XZzidtrwqMY26fpLZnyZjnBEt1FAZWO7RnKG5asg8xRk9YaDdedXdQSJAOy6bWEWlABj+tVAigBxavaluUH8LOj+yfCFldJjNLdi90fVHkUD/m4Mr5OtmupNMXPwuG3EQlqWUVpQoYpUYKLsk7a5Mvg6UFkiH596y5IbJEVCI1Kb3D1',
    hash: 'e3+wo77iKcILiZegnzyUNcjCdoQ=',
  },
];
