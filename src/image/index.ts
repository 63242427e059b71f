/** Photographs in notebooks: PNG decoding, PNG encoding, crops, greyscale and side-by-side figures. */
export { decodePng, readPngHeader, type Inflate, type PngHeader } from "./decodePng";
export { imagePng } from "./imagePng";
export { inflateZlib } from "./inflate";
export { imageGrid, type ImageGrid, type ImageGridItem, type ImageGridOptions } from "./imageGrid";
export { cropImage, rgbToGray, type CropOptions } from "./imageOps";
