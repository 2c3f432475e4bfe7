/** True only in the measuring build (BT_MEASURE=1, see wxt.config.ts); replaced at build time. */
declare const __BT_MEASURING_BUILD__: boolean;
