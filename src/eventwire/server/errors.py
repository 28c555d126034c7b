"""One JSON shape for every error: {"error": {"status", "code", "message"}}, whatever raised it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from http import HTTPStatus

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ConfigError, InputError, NotFoundError, ReviewError


class ApiError(HTTPException):
    """An error with a stable machine-readable code and a message that says what to do next."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "code": code, "message": message}}, status_code=status,
                        headers=headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)  # routing's 404 and 405 too
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(NotFoundError, _domain(404, "not_found"))
    app.add_exception_handler(ReviewError, _domain(422, "invalid_review"))
    app.add_exception_handler(InputError, _domain(422, "invalid_input"))
    app.add_exception_handler(ConfigError, _domain(500, "configuration"))
    app.add_exception_handler(Exception, _unexpected)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = getattr(exc, "code", None) or HTTPStatus(exc.status_code).phrase.lower().replace(" ", "_")
    return error_response(exc.status_code, code, str(exc.detail), getattr(exc, "headers", None))


async def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in exc.errors())
    return error_response(422, "invalid_request", f"invalid request: {problems}; see /docs for the parameters")


def _domain(status: int, code: str) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
    async def handler(_request: Request, exc: Exception) -> JSONResponse:
        return error_response(status, code, str(exc))
    return handler


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    return error_response(500, "internal_error", f"internal error ({type(exc).__name__}); the server log has details")
