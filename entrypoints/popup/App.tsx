export function App() {
  return (
    <main>
      <h1>Bounce Triage</h1>
      <p>Open a bounce in Gmail to see it explained.</p>
    </main>
  );
}
