/** The edge's tag rules live in @clinic/shared: the website tags its pages by the same rules. */
export { EDGE_TAG_HEADER_BYTES, OVERSIZE_TAG, edgeTagHeaders, entryEdgeTag, fitEdgeTags } from '@clinic/shared';
