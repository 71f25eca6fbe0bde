import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createElectronBridge } from './electron-bridge';

/** The preload's only export to the page; bundled into one file because sandboxed preloads cannot require ours. */
contextBridge.exposeInMainWorld('docuvault', createElectronBridge({ ipcRenderer, webUtils }));
