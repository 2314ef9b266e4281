import bwipjs from 'bwip-js';
import { barcodeText } from './decisions.token.js';

/** Scanners need a quiet zone and a white background: padding 10, white fill. */
const COMMON = { backgroundcolor: 'FFFFFF', paddingwidth: 10, paddingheight: 10 } as const;

/** A Code 128 barcode (PNG) of the registration number, with the encoded text under the bars. */
export function code128(registrationNumber: string): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: 'code128',
    text: barcodeText(registrationNumber),
    scale: 2,
    height: 12,
    includetext: true,
    textxalign: 'center',
    ...COMMON,
  });
}

/** A QR code (PNG) of a URL. */
export function qrCode(url: string): Promise<Buffer> {
  return bwipjs.toBuffer({ bcid: 'qrcode', text: url, scale: 3, ...COMMON });
}
