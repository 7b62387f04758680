import type { Connector } from '../../connectors/registry';
import { ConnectorError } from '../connectErrors';
import type { OAuthRedirectPort } from './redirectPort';

/**
 * Takes a person (or the CLI) through one authorization and returns the code, after checking
 * that the redirect carries the state this client sent (RFC 6749 §10.12: a redirect forged by
 * another site must not complete a sign-in) and no error.
 */
export async function obtainAuthorizationCode(
  port: OAuthRedirectPort,
  request: { connector: Connector; authorizationUrl: URL; redirectUrl: string; state: string },
  signal?: AbortSignal,
): Promise<string> {
  const params = await port.authorize(request, signal);
  if (params.get('state') !== request.state) {
    throw new ConnectorError('The sign-in redirect did not carry the state this client sent; it was ignored. Sign in again.');
  }
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    throw new ConnectorError(`The authorization server refused the sign-in (${error}${description ? `: ${description}` : ''}).`);
  }
  const code = params.get('code');
  if (!code) throw new ConnectorError('The sign-in redirect carried no authorization code. Sign in again.');
  return code;
}
