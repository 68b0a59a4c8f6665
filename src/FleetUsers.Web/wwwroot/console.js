// The console's only script, no framework. A button marked data-copy="<id>" copies that element's text
// (a new client's secret) and says so. A search field marked data-submit-as-you-type submits its
// form a moment after one stops typing. The form is enhanced (data-enhance), so Blazor fetches the
// new list and patches the page in place, and the field keeps its focus. Listening on the document
// keeps this working across enhanced navigations, which replace the page's content.
(() => {
    const pauseMs = 300;
    let timer;
    let typed = null; // the as-you-type field last typed in, and what it held then

    const submitSoon = field => {
        clearTimeout(timer);
        timer = setTimeout(() => field.form.requestSubmit(), pauseMs);
    };

    document.addEventListener('input', event => {
        const field = event.target;
        if (!(field instanceof HTMLInputElement) || !field.hasAttribute('data-submit-as-you-type') || !field.form) {
            return;
        }
        typed = { id: field.id, value: field.value };
        submitSoon(field);
    });

    // A list that comes back for an earlier text writes that text into the field: keep what was typed
    // since, and ask again for it.
    Blazor.addEventListener('enhancedload', () => {
        const field = typed && document.getElementById(typed.id);
        if (field && document.activeElement === field && field.value !== typed.value) {
            field.value = typed.value;
            submitSoon(field);
        }
    });

    document.addEventListener('click', async event => {
        const button = event.target instanceof Element ? event.target.closest('button[data-copy]') : null;
        const source = button && document.getElementById(button.dataset.copy);
        if (!source) {
            return;
        }
        const status = button.nextElementSibling;
        try {
            await navigator.clipboard.writeText(source.textContent.trim());
            status.textContent = 'Copied.';
        } catch {
            status.textContent = 'Could not copy: select the text and copy it.';
        }
    });
})();
