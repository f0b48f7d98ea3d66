/** The MIME types of a RelaxLab output (see mime.ts for the payload shapes). */
export const RELAXLAB_RESULT_MIME = 'application/vnd.relaxlab.result+json';
export const VEGALITE_V5_MIME = 'application/vnd.vegalite.v5+json';
