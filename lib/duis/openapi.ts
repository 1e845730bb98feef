// The OpenAPI 3.1 description of the portal's HTTP endpoints for a DCC User's own systems (issue 11 item 2), served
// at GET /api/v1/openapi.json. Written by hand beside the routes it describes: change both together.

const DUIS_NAMESPACE = "http://www.dccinterface.co.uk/ServiceUserGateway";

const text = (description: string) => ({ description, content: { "text/plain": { schema: { type: "string" } } } });
const json = (description: string, schema: object = { $ref: "#/components/schemas/Error" }) => ({ description, content: { "application/json": { schema } } });
const xml = (description: string) => ({ description, content: { "application/xml": { schema: { type: "string" } } } });

/** POST /api/v1/serviceS|T|D: one DUIS 5.4 endpoint, which takes the Command Variants listed. */
function duisEndpoint(summary: string, commandVariants: number[], answer: string) {
  return {
    post: {
      tags: ["DUIS"],
      summary,
      description:
        `Takes a signed DUIS 5.4 \`sr:Request\` (namespace \`${DUIS_NAMESPACE}\`) of Command Variant ${commandVariants.join(", ")}. ` +
        "The enveloped XML signature (exclusive C14N, SHA-256, ECDSA P-256, KeyInfo = X509IssuerSerial) is checked first and " +
        "authenticates the request; the bearer API key is optional. Every request that reads as a DUIS request is answered " +
        `HTTP 200 with an \`sr:Response\` signed by the DCC whose ResponseCode gives the outcome (E codes included). ${answer}`,
      security: [{}, { bearerAuth: ["SEND"] }],
      requestBody: {
        required: true,
        description: "An `sr:Request`: header (RequestID `originatorEUI:targetEUI:counter`, CommandVariant, ServiceReference, ServiceReferenceVariant), one Service Request element in the body, and the enveloped signature.",
        content: { "application/xml": { schema: { type: "string" } } },
      },
      responses: {
        200: xml("An `sr:Response` signed by the DCC, repeating the request's RequestID; its ResponseCode says the outcome."),
        202: { description: "Silent reject: the signature did not verify, or its certificate is unknown to the DCC. Empty body; recorded, never answered." },
        400: text("Not a DUIS request: not well-formed XML, a DOCTYPE or external entity, or not an `sr:Request`."),
        401: text("A bearer API key was given and is not a live key with the SEND scope of the party that signed the request."),
        413: text("The body is larger than the gateway accepts."),
        503: text("The gateway is busy: try again shortly."),
      },
    },
  };
}

export const OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "DCC Self-Service Interface: DUIS gateway",
    version: "1.0.0",
    description:
      "DUIS 5.4 over HTTP, at the paths DCC Boxed serves, plus polling for asynchronous responses and an SMKI search. " +
      "Asynchronous Service Responses and alerts are also POSTed (`application/xml`) to the Receive Response URLs a party " +
      "registers in the portal once the DCC has approved them. API keys are created, scoped and revoked under Integration in the portal.",
  },
  tags: [
    { name: "DUIS", description: "Service Requests and their answers" },
    { name: "SMKI", description: "Organisation Certificates: search and retrieval" },
    { name: "Administration", description: "DCC-only operations" },
  ],
  paths: {
    "/api/v1/serviceS": duisEndpoint("Send Command (Command Variants 1, 3, 5, 7)", [1, 3, 5, 7], "A device Service Request accepted for sending is answered I99; its I0 Service Response follows asynchronously."),
    "/api/v1/serviceT": duisEndpoint("Transform (Command Variant 4)", [4], "A Critical request is answered I0 with the Pre-Command to sign and send back as a Signed Pre-Command with the same RequestID."),
    "/api/v1/serviceD": duisEndpoint("Non-Device and local delivery (Command Variants 2, 6, 8)", [2, 6, 8], "A Non-Device Service Request is answered I0 with its body."),
    "/api/v1/responses": {
      get: {
        tags: ["DUIS"],
        summary: "Poll asynchronous responses and alerts",
        description:
          "The party's asynchronous Service Responses, Device Alerts and DCC Alerts in arrival order (not the synchronous answers " +
          "already returned). Without `after` the list starts at the oldest kept; `next` is always present and is unchanged when " +
          "there is nothing new. Pass it as `after` in the next call.",
        security: [{ bearerAuth: ["READ"] }],
        parameters: [{ name: "after", in: "query", required: false, description: "The `next` cursor of the previous answer.", schema: { type: "string" } }],
        responses: {
          200: json("The messages after the cursor.", { $ref: "#/components/schemas/ResponseList" }),
          400: json("The cursor is not one this endpoint returned."),
          401: json("No bearer API key, or not a live key with the READ scope."),
        },
      },
    },
    "/api/v1/smki/certificates": {
      get: {
        tags: ["SMKI"],
        summary: "Search Organisation Certificates",
        description: "By serial, or by subject EUI-64 and usage. Certificates are public: no API key is needed.",
        security: [{}],
        parameters: [
          { name: "serial", in: "query", required: false, description: "The X.509 serial as a decimal number, as DUIS KeyInfo writes it.", schema: { type: "string", pattern: "^[0-9]+$" } },
          { name: "eui", in: "query", required: false, description: "The subject's EUI-64: 16 hexadecimal digits, with or without separators.", schema: { type: "string" } },
          { name: "usage", in: "query", required: false, description: "With `eui`: which certificate of the subject.", schema: { type: "string", enum: ["xml-signing", "digital-signing", "file-signing"] } },
        ],
        responses: {
          200: json("The matching certificates, newest first.", { type: "array", items: { $ref: "#/components/schemas/Certificate" } }),
          400: text("Neither `serial` nor `eui` with `usage` given, both given, or a value that is not one."),
        },
      },
    },
    "/api/v1/smki/certificates/{serial}": {
      get: {
        tags: ["SMKI"],
        summary: "Retrieve a certificate",
        security: [{}],
        parameters: [{ name: "serial", in: "path", required: true, description: "The X.509 serial as a decimal number.", schema: { type: "string", pattern: "^[0-9]+$" } }],
        responses: {
          200: { description: "The certificate, PEM-encoded.", content: { "application/x-pem-file": { schema: { type: "string" } } } },
          400: text("The serial is not a decimal number."),
          404: text("No certificate has that serial."),
        },
      },
    },
    "/api/v1/admin/reference-premises/reset": {
      post: {
        tags: ["Administration"],
        summary: "Reset the DUIS reference test premises",
        description: "Puts the reference devices, their SMI Statuses, schedules and pending future-dated requests back in their starting state, as a User re-running a test suite needs. Only with an API key of the DCC.",
        security: [{ bearerAuth: ["SEND"] }],
        responses: {
          200: json("Reset done; the body says what was put back.", { type: "object" }),
          401: json("No bearer API key, or not a live key of the DCC with the SEND scope."),
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearerAuth: {
        type: "http",
        scheme: "bearer",
        description: "A party's API key (`Authorization: Bearer ssi_…`), created under Integration in the portal with the scopes SEND (send DUIS requests) and READ (poll responses and alerts).",
      },
    },
    schemas: {
      ResponseList: {
        type: "object",
        required: ["items", "next"],
        properties: {
          items: {
            type: "array",
            items: {
              type: "object",
              required: ["cursor", "requestId", "xml"],
              properties: {
                cursor: { type: "string", description: "This message's position: pass it as `after` to continue after it." },
                requestId: { type: ["string", "null"], description: "The DUIS RequestID the message answers (null for an alert that answers none)." },
                xml: { type: "string", description: "The signed `sr:Response` or alert, as POSTed to Receive Response URLs." },
              },
            },
          },
          next: { type: "string", description: "The cursor to pass as `after` next time." },
        },
      },
      Error: { type: "object", required: ["error"], properties: { error: { type: "string", description: "What was wrong, for people." } } },
      Certificate: {
        type: "object",
        required: ["serial", "issuer", "eui64", "usage", "notBefore", "notAfter", "revoked", "pem"],
        properties: {
          serial: { type: "string", description: "Decimal." },
          issuer: { type: "string" },
          eui64: { type: "string", description: "16 upper-case hexadecimal digits." },
          usage: { type: "string", enum: ["XML_SIGNING", "DIGITAL_SIGNING", "FILE_SIGNING"] },
          roleCode: { type: ["string", "null"], description: "The subject's SMKI role code (its OU)." },
          notBefore: { type: "string", format: "date-time" },
          notAfter: { type: "string", format: "date-time" },
          revoked: { type: "boolean" },
          pem: { type: "string" },
        },
      },
    },
  },
} as const;
