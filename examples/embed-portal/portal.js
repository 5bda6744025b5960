// The host side of the viewer's lwv/1 contract, as a portal would write it.
// The portal is already signed in; it hands the viewer a Graph token when
// asked (lwv:ready, lwv:token-request), sizes the frame (lwv:resize) and
// drives it (lwv:navigate, lwv:theme). config.json says where things are.
const config = await (await fetch('config.json')).json();
const viewerOrigin = new URL(config.viewerUrl).origin;
const frame = document.getElementById('viewer');

// The portal's own sign-in. Here: graph-emulator's demo token; in a real
// portal, MSAL's acquireTokenSilent({ scopes: ['https://graph.microsoft.com/.default'] }).
async function graphToken() {
  const url = new URL(config.tokenUrl);
  const ttl = new URLSearchParams(location.search).get('expires_in');
  if (ttl) url.searchParams.set('expires_in', ttl);
  return (await (await fetch(url)).json()).access_token;
}

const send = (message) => frame.contentWindow.postMessage({ v: 1, ...message }, viewerOrigin);

window.addEventListener('message', async (event) => {
  if (event.origin !== viewerOrigin || event.source !== frame.contentWindow) return;
  const { type, nonce, height, path } = event.data ?? {};
  if (type === 'lwv:ready' || type === 'lwv:token-request') {
    send({ type: 'lwv:token', nonce, accessToken: await graphToken(), graphEndpoint: config.graphEndpoint });
  } else if (type === 'lwv:resize') {
    frame.style.height = `${height}px`;
  } else if (type === 'lwv:location') {
    document.getElementById('where').textContent = path;
  }
});

for (const button of document.querySelectorAll('[data-open]')) {
  button.addEventListener('click', () => send({ type: 'lwv:navigate', path: button.dataset.open }));
}
document.getElementById('theme').addEventListener('click', (event) => {
  const dark = document.body.classList.toggle('dark');
  event.target.textContent = dark ? 'Light theme' : 'Dark theme';
  send({ type: 'lwv:theme', scheme: dark ? 'dark' : 'light' });
});

document.getElementById('who').textContent = 'Signed in: demo tenant admin';
frame.src = new URL('workflows', config.viewerUrl).href;
