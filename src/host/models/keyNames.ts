/** SecretStorage names of the model keys; apart from modelChoice.ts so reading them loads no model SDK. */
export const MISTRAL_KEY_SECRET = 'mistral-api-key';
export const OPENAI_KEY_SECRET = 'openai-api-key';
