// Filled in by the demo at start-up, as the article's config.js is filled in by hand.
var UserPoolId = "{{userPoolId}}";
var ClientId = "{{clientId}}";
var AWSRegion = "{{region}}";
var BaseUrl = "{{baseUrl}}";
var HostedUiUrl = "{{hostedUiUrl}}";
// "code": /private/login runs the authorization-code flow with PKCE (edgepass's default).
// "implicit": the article's flow; this page gets the tokens from Cognito and posts the ID token.
var LoginFlow = "{{loginFlow}}";
