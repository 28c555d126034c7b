// The API's interactive documentation (Swagger UI, shipped with the package): an external file
// because the server's Content-Security-Policy allows no inline script.
window.ui = SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true});
