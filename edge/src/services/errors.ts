// ApiError: a failure with an HTTP status and a stable code, rendered as { error: { code, message } }.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string): ApiError => new ApiError(404, 'not_found', `${what} not found`);
export const conflict = (message: string): ApiError => new ApiError(409, 'conflict', message);
export const badRequest = (message: string): ApiError => new ApiError(400, 'invalid_request', message);
