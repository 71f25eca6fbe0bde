/**
 * The app's identity as the OS knows it. Must equal `appId` in
 * electron-builder.yml (a test checks): Windows attributes notifications and
 * taskbar progress to the shortcut carrying this AppUserModelID.
 */
export const APP_USER_MODEL_ID = 'app.docuvault.desktop';
