// The article's "login detector": runs on load of the public index page.
// - Back from Cognito with tokens in the URL fragment (implicit flow): post the ID token to
//   /private/login, which verifies it, sets the CloudFront signed cookies and redirects to the app.
// - Just signed out: say so and offer to sign in again.
// - Otherwise: start the sign-in.
function getToken() {
  var fragment = new URLSearchParams(window.location.hash.substring(1));
  var idToken = fragment.get("id_token");
  if (idToken) {
    // Drop the tokens from the address bar and history before doing anything else.
    history.replaceState(null, "", window.location.pathname);
    var expected = sessionStorage.getItem("edgepass-demo-state");
    sessionStorage.removeItem("edgepass-demo-state");
    if (!expected || fragment.get("state") !== expected) {
      show("status", "The sign-in answer did not match this browser's request; not using it.");
      return;
    }
    show("status", "Signed in; opening the private area...");
    postIdToken(idToken);
    return;
  }
  if (new URLSearchParams(window.location.search).has("signed-out")) {
    show("status", "You are signed out.");
    document.getElementById("sign-in").hidden = false;
    return;
  }
  signIn();
}

function signIn() {
  if (LoginFlow === "implicit") {
    var state = randomString();
    sessionStorage.setItem("edgepass-demo-state", state);
    window.location.assign(HostedUiUrl + "/oauth2/authorize?" + new URLSearchParams({
      response_type: "token",
      client_id: ClientId,
      redirect_uri: BaseUrl + "/index.html",
      scope: "openid",
      state: state
    }).toString());
  } else {
    window.location.assign(BaseUrl + "/private/login");
  }
}

// A form POST keeps the ID token out of URLs, server logs and the Referer header.
function postIdToken(idToken) {
  var form = document.createElement("form");
  form.method = "POST";
  form.action = BaseUrl + "/private/login";
  var input = document.createElement("input");
  input.type = "hidden";
  input.name = "id_token";
  input.value = idToken;
  form.appendChild(input);
  document.body.appendChild(form);
  form.submit();
}

function randomString() {
  var bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
}

function show(id, text) {
  document.getElementById(id).textContent = text;
}
