/** The troubleshooting links live beside the registries that use them (../links.ts). */
export * from '../links';
