export {
  ImageDataCheck,
  type ImageDataSource,
  type ImageDataWarn,
  type ImageSizeLimit,
  MAX_EXCESS_BYTES,
} from './image-data-check.js';
export {
  type Adam7Pass,
  adam7Passes,
  type ImageGeometry,
  imageDataSize,
  type ScanlineRun,
  samplesPerPixel,
  scanlineLayout,
} from './image-size.js';
